// Options of readAll shared by the stores that page through their own log.

export const DEFAULT_BATCH_SIZE = 1000;

/** The batch size to use: the given one (a whole number ≥ 1) or the default. */
export const checkBatchSize = (batchSize: number | undefined, fallback = DEFAULT_BATCH_SIZE): number => {
  const size = batchSize ?? fallback;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batchSize ${size}: verwacht een geheel getal ≥ 1`);
  return size;
};
