import { SpikeSyncError } from '../lib/errors.js';

/** The store cannot be opened, migrated or written. Fatal: exit 1. */
export class StoreError extends SpikeSyncError {}
