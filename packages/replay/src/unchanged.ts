// A file read in parts must be the same file for every part: each worker thread reads all of it,
// so an export still being written, or replaced, while `report --from` or a replay reads it would
// give parts that saw different lines — facts lost without a word, or seen by one part only. The
// file's size, modification time and inode are taken before the parts start and again after they
// end, and every part must have read the size it had; otherwise the reading fails.
import { statSync } from 'node:fs';

/** The file changed while it was read (its message is Dutch, for the user). */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
}

/** What a file was when its reading began. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** Only a regular file has a size to compare (a pipe or device is read once, as it comes). */
  readonly regular: boolean;
}

export const stampOf = (path: string): FileStamp => {
  const s = statSync(path);
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, regular: s.isFile() };
};

/**
 * Throws FileChangedError when the file at `path` is not what `before` saw, or a part read
 * another number of bytes than it had.
 */
export const assertUnchanged = (path: string, before: FileStamp, bytesRead: readonly number[]): void => {
  if (!before.regular) return;
  let after: FileStamp | undefined;
  try {
    after = stampOf(path);
  } catch {
    after = undefined;
  }
  const same =
    after !== undefined &&
    after.size === before.size &&
    after.mtimeMs === before.mtimeMs &&
    after.ino === before.ino &&
    bytesRead.every((bytes) => bytes === before.size);
  if (same) return;
  const nu = after === undefined ? 'weg' : `${after.size} bytes`;
  throw new FileChangedError(
    `${path}: het bestand veranderde terwijl het werd gelezen (${before.size} bytes bij het begin, nu ${nu}); lees het opnieuw wanneer het niet meer wordt geschreven`,
  );
};
