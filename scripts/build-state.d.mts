/** The names of the packages whose build is missing or older than a source file of theirs. */
export declare const stalePackages: (root: string) => string[];
