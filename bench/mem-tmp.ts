import { createReadStream } from 'node:fs';
import { importPerioden, openMemoryStore } from '../packages/adapters/src/index.js';

const n = process.argv[2];
const store = openMemoryStore({ compact: true });
const t = performance.now();
const r = await importPerioden(store, {
  bron: 'b',
  peilmoment: '2015-01-31',
  redenen: {
    naam: 'x',
    codes: new Map([
      ['UO01', 'loondienst'],
      ['UO02', 'onderneming'],
      ['UO03', 'opleiding'],
      ['BE01', 'verhuizing'],
      ['BE02', 'andere-uitkering'],
      ['BE03', 'overig'],
    ]),
  },
  perioden: { naam: 'p', stream: createReadStream(`/work/wt-i15/bench/data/perioden-${n}.csv`) },
  inkomsten: { naam: 'i', stream: createReadStream(`/work/wt-i15/bench/data/inkomsten-${2 * Number(n)}.csv`) },
  huishoudensPerRonde: 2000,
});
const s = (performance.now() - t) / 1000;
console.log(JSON.stringify(r), s, r.rijen / s, process.memoryUsage().heapUsed / 1e6);
