// Issue 7, point 3: the compact in-memory store (facts in Buffers and typed arrays, off the JS
// heap; `report --from FILE` loads into it) keeps every promise of the port: the same contract
// suite as every other adapter, unchanged.
import { openMemoryStore } from '../packages/adapters/src/index.js';
import { runStoreContract } from './support/store-contract.js';

runStoreContract('memory (compact)', async () => openMemoryStore({ compact: true }));
