/** What to run when there is no Chromium, printed by findChromium and scripts/ensure-chromium.mjs. */
export const installAdvice: string;
/** Returns the path of a Chromium executable, or null when there is none. */
export function locateChromium(): string | null;
/** Returns the path of a Chromium executable, or exits with instructions when there is none. */
export function findChromium(): string;
/** Flags for headless Chromium on a machine without network or a sandbox-capable user. */
export const chromiumArgs: string[];
