/**
 * The desk key tests seal SSNs with (base64 of 32 bytes): a fixed one, so a child
 * process or a reopened database can read what an earlier step wrote. Tests about
 * key handling itself make their own.
 */
export const TEST_DESK_KEY = Buffer.alloc(32, 0x5a).toString('base64');
export const testKeyEnv = { KYNECT_DESK_KEY: TEST_DESK_KEY } as const;
