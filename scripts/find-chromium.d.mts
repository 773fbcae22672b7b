/** Returns the path of a Chromium executable, or exits with instructions when there is none. */
export function findChromium(): string;
/** Flags for headless Chromium on a machine without network or a sandbox-capable user. */
export const chromiumArgs: string[];
