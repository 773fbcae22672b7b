/** The relative specifiers a built module imports before it runs. */
export function staticImports(code: string): string[];
/** The relative specifiers a built module imports on demand. */
export function dynamicImports(code: string): string[];
/** Every file of the build that `entries` start, transitively; missing entries are left out. */
export function listBuildFiles(entries: string[]): string[];
