// `pnpm bench:profile KIND ARG…`: a CPU profile of one benchmark measurement, summarised (issue 6:
// a missed target is explained by a profile, not a guess). Builds the packages (tsc -b), runs
// bench/profile-target.mjs against dist/ under `node --cpu-prof` (worker threads write profiles
// of their own), and prints each thread's functions by self time.
//   pnpm bench:profile replay bench/data/demo-1M.ndjson
//   pnpm bench:profile store-replay 'postgres://…?schema=…'
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface Profile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const ROOT = join(import.meta.dirname, '..');
const TOP = Number(process.env.PROFILE_TOP ?? 20);

/** Self time per function (name, file, line), largest first. */
export const summarise = (profile: Profile, top = TOP): string[] => {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (frame === undefined) return;
    const file = frame.url.split('/').slice(-2).join('/');
    const key = `${frame.functionName || '(anonymous)'} ${file}${file === '' ? '' : `:${frame.lineNumber + 1}`}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(
      ([key, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)} %  ${String(Math.round(us / 1000)).padStart(7)} ms  ${key}`,
    );
};

const main = (): void => {
  const args = process.argv.slice(2);
  if (args.length === 0) throw new Error('usage: pnpm bench:profile KIND ARG… (see bench/profile-target.mjs)');
  process.stderr.write('building (tsc -b) …\n');
  // The other packages' type errors, if any, do not stop the emit; the build is what is profiled.
  spawnSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'zelfredzaam-profile-'));
  try {
    execFileSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(import.meta.dirname, 'profile-target.mjs'), ...args],
      { cwd: ROOT, stdio: 'inherit' },
    );
    readdirSync(dir)
      .sort()
      .forEach((file, thread) => {
        const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
        process.stdout.write(
          `\nthread ${thread} (${thread === 0 ? 'main' : 'worker'}):\n${summarise(profile).join('\n')}\n`,
        );
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main();
