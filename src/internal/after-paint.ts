import { whenIdle } from './when-idle.js';

/** Longest wait for a frame: a hidden tab draws none, and its work must still go on. */
const frameWaitMaxMs = 100;

/**
 * Resolves in a task after the next frame is drawn (or after `frameWaitMaxMs` without one),
 * so work started then, like structured-cloning a page into IndexedDB, never holds back the
 * paint of what was just rendered.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    // Whichever comes first; resolving again does nothing.
    setTimeout(resolve, frameWaitMaxMs);
    // A frame callback runs before that frame's paint; the task it queues runs after.
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/**
 * Resolves once the next frame is drawn and then the page is idle (within a second however
 * busy): work that only keeps a copy, like caching a page of comments, waits behind the slices
 * of the thread still being drawn instead of delaying them.
 */
export async function afterPaintWhenIdle(): Promise<void> {
  await afterNextPaint();
  await new Promise<void>((resolve) => whenIdle(resolve));
}
