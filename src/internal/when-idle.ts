/** The longest the browser may put off an idle task, in ms. */
const idleTimeoutMs = 1000;

/**
 * Runs `task` when the page is next idle (within a second however busy it is). Safari has
 * no requestIdleCallback: there the task waits for the next turn of the event loop.
 */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in globalThis) requestIdleCallback(task, { timeout: idleTimeoutMs });
  else setTimeout(task, 0);
}
