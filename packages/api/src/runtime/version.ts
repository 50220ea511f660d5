/** Version of @miro/api, sent in the User-Agent / X-Miro-Client header. Kept equal to package.json by a test. */
export const VERSION = '0.1.0';
