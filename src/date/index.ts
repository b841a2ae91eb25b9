/** Dates: one reader (parse.ts) and the matcher's levels of closeness (compare.ts). */
export * from './parse.js';
export * from './compare.js';
