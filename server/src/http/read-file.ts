import { readFile } from 'node:fs/promises';

/**
 * Errors that mean "nothing to serve at this path": no such file, a directory, a name longer
 * than the file system allows (ENAMETOOLONG, from a request with a 300-byte segment), a
 * symlink loop, or a file the server may not read. A request can cause each of these, so none
 * is the server's bug, and none may become a 500.
 */
const absentCodes = new Set([
  'ENOENT',
  'EISDIR',
  'ENOTDIR',
  'ENAMETOOLONG',
  'ELOOP',
  'EACCES',
  'EPERM',
  'EINVAL',
]);

/** A file's bytes, or null when there is no readable file at that path (see `absentCodes`). */
export async function readFileIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && absentCodes.has(code)) return null;
    throw error;
  }
}
