/** leadkit's version, for --version and the man page (kept equal to package.json's). */
export const VERSION = '0.1.0';
