// Types of chromium.mjs for the TypeScript that imports it (the bench).
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
