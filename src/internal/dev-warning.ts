let isOnOutsideVite = false;

/**
 * Whether swallowed errors are reported. Where Vite serves or builds the widget this is Vite's
 * flag: on in its dev server, off in `npm run build`, whose minifiers then drop every report,
 * its text and all. Without Vite (the browser tests run the sources through esbuild, and have
 * no `import.meta.env`) it is off until `setDevWarnings` turns it on.
 */
function isDevMode(): boolean {
  return import.meta.env ? import.meta.env.DEV : isOnOutsideVite;
}

/** Turns dev warnings on or off where Vite does not decide (the browser tests). */
export function setDevWarnings(isOn: boolean): void {
  isOnOutsideVite = isOn;
}

/**
 * Reports an error the widget recovers from (`context` says what failed), in development only.
 * Declared free of side effects, which a production build makes true: there the bundler drops
 * every call whose result goes unused, its text and all, in every chunk. So a handler reports
 * and falls back in one expression, `.catch((error) => (warnInDev('what failed', error), fallback))`,
 * or `(error) => void warnInDev('what failed', error)` when nothing is left to return.
 */
/* @__NO_SIDE_EFFECTS__ */
export function warnInDev(context: string, error?: unknown): void {
  if (isDevMode()) console.warn(`[hearth] ${context}`, error);
}
