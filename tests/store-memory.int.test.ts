// The EventStore contract against the in-memory adapter.
import { openMemoryStore } from '../packages/adapters/src/index.js';
import { runStoreContract } from './support/store-contract.js';

runStoreContract('memory', async () => openMemoryStore());
