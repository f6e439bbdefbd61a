// Types of history.mjs for the TypeScript tests that share its revision text.
export declare function revisionText(rev: string, parent: string | undefined, upgrade: string, message?: string): string;
