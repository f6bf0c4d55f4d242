/** Kept equal to package.json's version by a unit test, so every layer can show it without reading files. */
export const APP_VERSION = '0.1.0';
export const APP_NAME = 'kynect Desk';
