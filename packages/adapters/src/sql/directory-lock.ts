// One process at a time on a PGlite directory: PGlite is PostgreSQL in this process, without a
// server to arbitrate, and two processes writing one directory would corrupt it. The lock is a
// file beside the directory holding the owner's process id; a lock whose process is gone (a
// killed import) is taken over.
import { open, readFile, rm } from 'node:fs/promises';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
};

const ownerOf = async (path: string): Promise<number | undefined> => {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Takes the lock for `dataDir`; resolves to the function that releases it. */
export const lockDirectory = async (dataDir: string): Promise<() => Promise<void>> => {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        if ((await ownerOf(path)) === process.pid) await rm(path, { force: true });
      };
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST')) throw error;
      const owner = await ownerOf(path);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `de opslag ${dataDir} is in gebruik door proces ${owner}; PGlite kan maar door één proces tegelijk worden geopend (slotbestand ${path})`,
        );
      }
      if (owner === process.pid) {
        throw new Error(`de opslag ${dataDir} is in dit proces al geopend; sluit die eerst (slotbestand ${path})`);
      }
      // Left by a process that is gone: take it over.
      await rm(path, { force: true });
    }
  }
  throw new Error(`slotbestand ${path} kon niet worden aangemaakt`);
};
