// Turns one run's folder (meta.json, meta-end.json, results.jsonl, outputs-*.json) into the tables: printed, and
// written as markdown.
//
//   node report.mjs --run DIR [--markdown FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { run: { type: 'string' }, markdown: { type: 'string' } } });
if (!args.run) {
  console.error('usage: node report.mjs --run DIR [--markdown FILE]');
  process.exit(2);
}
const read = (name) => JSON.parse(readFileSync(join(args.run, name), 'utf8'));
const meta = { ...read('meta.json'), ...(existsSync(join(args.run, 'meta-end.json')) ? read('meta-end.json') : {}) };
const rows = readFileSync(join(args.run, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const v = meta.versions;

const workloads = ['distinct', 'srcset', 'mixed'];
const rounds = [...new Set(rows.map((r) => r.round))].sort((a, b) => a - b);
const fix = (x, d = 2) => (x == null || Number.isNaN(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const mib = (kib) => (kib == null ? '—' : `${Math.round(kib / 1024)} MiB`);
const median = (xs) => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => `${fix(Math.min(...xs))}–${fix(Math.max(...xs))}`;
const table = (head, body) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i < 2 ? '---' : '--:')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const transform = (round, workload, peer) => rows.find((r) => r.kind === 'transform' && r.round === round && r.workload === workload && r.result.peer === peer);
const failures = rows.filter((r) => r.kind === 'transform' && r.result.errors > 0);

// (a) and (b): per round and workload.
const ratios = Object.fromEntries(workloads.map((w) => [w, { sharp: [], ipx: [], cpuSharp: [], cpuIpx: [] }]));
const throughputRows = [];
const detailRows = [];
for (const round of rounds) {
  for (const w of workloads) {
    const me = transform(round, w, 'mediaedge');
    const sh = transform(round, w, 'sharp');
    const ipx = transform(round, w, 'ipx');
    if (!me || !sh || !ipx) {
      continue;
    }
    const [rs, ri] = [me.result.rate / sh.result.rate, me.result.rate / ipx.result.rate];
    const [cs, ci] = [me.result.cpuMsPerImage / sh.result.cpuMsPerImage, me.result.cpuMsPerImage / ipx.result.cpuMsPerImage];
    Object.entries({ sharp: rs, ipx: ri, cpuSharp: cs, cpuIpx: ci }).forEach(([k, x]) => ratios[w][k].push(x));
    throughputRows.push([round, w, `${me.result.ok}`, fix(me.result.rate), fix(sh.result.rate), `**${fix(rs)}**`, fix(ipx.result.rate), `**${fix(ri)}**`, `${me.load} / ${sh.load} / ${ipx.load}`]);
    detailRows.push([
      round, w, `${fix(me.result.p50, 0)} / ${fix(me.result.p99, 0)}`, `${fix(sh.result.p50, 0)} / ${fix(sh.result.p99, 0)}`, `${fix(ipx.result.p50, 0)} / ${fix(ipx.result.p99, 0)}`,
      `${fix(me.result.cpuMsPerImage, 0)} / ${fix(sh.result.cpuMsPerImage, 0)} / ${fix(ipx.result.cpuMsPerImage, 0)}`, `${fix(cs)} / ${fix(ci)}`,
      `${mib(me.serverPeakRssKiB)} / ${mib(sh.result.peakRssKiB)} / ${mib(ipx.serverPeakRssKiB)}`,
    ]);
  }
}
const throughputTable = table(
  ['round', 'workload', 'jobs', 'MediaEdge req/s', 'sharp img/s', 'MediaEdge ÷ sharp', 'ipx req/s', 'MediaEdge ÷ ipx', 'load avg at start (ME / sharp / ipx)'],
  throughputRows,
);
const detailTable = table(
  ['round', 'workload', 'MediaEdge p50 / p99 ms', 'sharp p50 / p99 ms', 'ipx p50 / p99 ms', 'CPU ms per image (ME / sharp / ipx)', 'CPU per image, MediaEdge ÷ sharp / ÷ ipx', 'peak RSS (ME / sharp / ipx)'],
  detailRows,
);
const summaryTable = table(
  ['workload', 'rounds', 'throughput MediaEdge ÷ sharp', 'throughput MediaEdge ÷ ipx', 'CPU per image MediaEdge ÷ sharp', 'CPU per image MediaEdge ÷ ipx'],
  workloads.filter((w) => ratios[w].sharp.length).map((w) => [
    w, `${ratios[w].sharp.length}`, ...['sharp', 'ipx', 'cpuSharp', 'cpuIpx'].map((k) => `**${fix(median(ratios[w][k]))}** (${range(ratios[w][k])})`),
  ]),
);

// Same jobs, same output? Dimensions must match MediaEdge's job for job; bytes are compared by format.
const outputsOf = (round, w, peer) => {
  const file = join(args.run, `outputs-${round}-${w}-${peer}.json`);
  return existsSync(file) ? new Map(JSON.parse(readFileSync(file, 'utf8')).map((o) => [o.id, o])) : new Map();
};
let compared = 0;
const mismatches = [];
const bytes = {};
for (const w of workloads) {
  const me = outputsOf(rounds[0], w, 'mediaedge');
  for (const peer of ['sharp', 'ipx']) {
    const other = outputsOf(rounds[0], w, peer);
    for (const [id, o] of me) {
      const p = other.get(id);
      if (!p) {
        continue;
      }
      compared++;
      if (p.width !== o.width || p.height !== o.height) {
        mismatches.push(`${peer} ${id}: ${p.width}x${p.height} against MediaEdge's ${o.width}x${o.height}`);
      }
      const format = id.split('.').pop();
      const b = (bytes[format] ??= { mediaedge: 0, sharp: 0, ipx: 0, n: 0 });
      if (peer === 'sharp') {
        b.mediaedge += o.bytes;
        b.n++;
      }
      b[peer] += p.bytes;
    }
  }
}
const bytesTable = table(
  ['format', 'outputs', 'MediaEdge bytes', 'sharp bytes', 'ipx bytes', 'MediaEdge ÷ sharp'],
  Object.entries(bytes).map(([f, b]) => [f, `${b.n}`, fix(b.mediaedge, 0), fix(b.sharp, 0), fix(b.ipx, 0), fix(b.mediaedge / b.sharp)]),
);

// (c) L1 hits against nginx.
const l1 = rounds.map((round) => {
  const me = rows.find((r) => r.kind === 'l1' && r.round === round && r.peer === 'mediaedge');
  const ng = rows.find((r) => r.kind === 'l1' && r.round === round && r.peer === 'nginx');
  return me && ng ? [round, fix(me.result.rps, 0), `${fix(me.result.p50)} / ${fix(me.result.p99)}`, fix(ng.result.rps, 0), `${fix(ng.result.p50)} / ${fix(ng.result.p99)}`,
    `**${fix(me.result.rps / ng.result.rps)}**`, `**${fix(me.result.p99 / ng.result.p99)}**`, `${me.result.non2xx + ng.result.non2xx} / ${(me.result.socketErrors ?? 0) + (ng.result.socketErrors ?? 0)}`, `${me.load} / ${ng.load}`, mib(me.serverPeakRssKiB)] : null;
}).filter(Boolean);
const l1Table = table(['round', 'MediaEdge req/s', 'MediaEdge p50 / p99 ms', 'nginx req/s', 'nginx p50 / p99 ms', 'req/s MediaEdge ÷ nginx', 'p99 MediaEdge ÷ nginx', 'non-2xx / socket errors', 'load avg (ME / nginx)', 'MediaEdge peak RSS'], l1);

// (d) cold start.
const cold = (peer) => rows.filter((r) => r.kind === 'cold' && r.peer === peer);
const coldRow = (peer, name) => {
  const c = cold(peer);
  return c.length ? [name, `${c.length}`, `**${fix(median(c.map((r) => r.result.ms)), 0)}**`, c.map((r) => fix(r.result.ms, 0)).join(', '), mib(median(c.map((r) => r.result.peakRssKiB))), c.map((r) => r.load).join(', ')] : null;
};
const coldTable = table(['server', 'trials', 'median ms', 'each trial, ms', 'RSS at the first 200 (median)', 'load avg'], [coldRow('mediaedge', `MediaEdge (published binary, engine ${meta.engine})`), coldRow('ipx', `ipx ${v.ipx} (node ipx-server.mjs)`)].filter(Boolean));

const mePeaks = rows.filter((r) => r.serverPeakRssKiB != null && (r.result.peer === 'mediaedge' || r.peer === 'mediaedge')).map((r) => r.serverPeakRssKiB);
const command = `bash benchmarks/Peers/run.sh${meta.quick ? ' --quick' : ''}${meta.engine !== 'vips' ? ` --engine ${meta.engine}` : ''}`;

const markdown = `# MediaEdge against its peers

Measured ${meta.started.replace('T', ' ').replace('Z', ' UTC')} – ${(meta.finished ?? '?').replace(/.*T/, '').replace('Z', ' UTC')} with \`${command}\`${meta.rounds > 1 ? ` (${meta.rounds} rounds)` : ''}.
How each figure is made, and what it includes, is in [README.md](README.md).

## Machine and versions

- ${meta.cores} cores (${meta.cpu}), ${meta.memGiB} GiB RAM, Linux ${meta.kernel}, ${meta.os}.
- **Load average** (1, 5, 15 min): ${meta.loadStart} at the start, ${meta.loadEnd ?? '?'} at the end; each row gives the 1-minute figure when that measurement started.
  Other work shares this machine, so compare the ratios measured in the same round, not the absolute figures.
- MediaEdge: ${meta.server}, engine \`${meta.engine}\`${meta.engine === 'vips' ? ` (libvips ${v.mediaedgeLibvips} through NetVips ${v.netvips})` : ' (no AVIF: mixed has JPEG and WebP only)'}, ASP.NET Core ${meta.aspnetcore}, default settings (memory cache only).
- sharp ${v.sharp} (libvips ${v.sharpLibvips}, its prebuilt binaries), ipx ${v.ipx} (on the same sharp), Node ${v.node}; nginx ${meta.nginx} (Debian nginx-light); wrk ${meta.wrk}.
- ${meta.concurrency} clients (HTTP) or ${meta.concurrency} jobs in flight (sharp); MediaEdge transform slots: ${meta.transforms === 'default' ? `its default (one per core: ${meta.cores})` : meta.transforms}; wrk ${meta.wrkConnections} connections, ${meta.wrkSeconds} s.

## (a) and (b): transforms on a cold cache

Images (sharp) or requests (MediaEdge, ipx) per second over the whole workload, each server a fresh process per
workload after the same warm-up on other sources. Throughput ratios above 1 mean MediaEdge is faster.

${throughputTable}

Latency of each job (sharp: one job in process, no HTTP), the CPU time of the processes that transformed (user +
system, every thread, MediaEdge's worker processes included, over the timed run; the HTTP client's own CPU is not in
it) per image, and peak RSS (MediaEdge: summed over the server and its workers).
CPU ratios below 1 mean MediaEdge used less CPU per image.

${detailTable}

Medians across rounds (range in brackets):

${summaryTable}

Every counted MediaEdge response carried \`Server-Timing: transform\` (none came from its cache; \`transform;desc=ladder-…\` where the resize ladder gave the decode).
${failures.length ? `**Failed jobs:** ${failures.map((f) => `round ${f.round} ${f.workload} ${f.result.peer}: ${f.result.errors} (${f.result.firstError})`).join('; ')}.` : 'No job failed.'}
Output dimensions compared job by job in round ${rounds[0]}: ${compared} pairs, ${mismatches.length ? `**${mismatches.length} differ**: ${mismatches.slice(0, 5).join('; ')}` : 'all equal'}.
Output bytes of the same jobs (round ${rounds[0]}, every workload):

${bytesTable}

## (c) L1 hits against nginx serving the same bytes

One cached variant (\`/img/bench/colorful-cups.jpg?w=800&fm=webp&q=80\`) from MediaEdge, and the same bytes as a static file from nginx
(worker_processes ${meta.cores}, sendfile, access log off): \`wrk -t ${meta.cores} -c ${meta.wrkConnections} -d ${meta.wrkSeconds}s --latency\`.

${l1Table}

## (d) Cold start

Process start to the first 200 of a transform (\`colorful-cups.jpg\` to 800 px WebP q80), the process started by the timer.

${coldTable}

## MediaEdge's memory

Peak RSS (\`VmHWM\` from \`/proc/<pid>/status\`, summed over the server and its worker processes, read before each server was stopped): **${mib(Math.max(...mePeaks))}** at most across the
${mePeaks.length} MediaEdge processes of the run (median ${mib(median(mePeaks))}); per workload in the tables above.
`;

console.log(markdown);
if (args.markdown) {
  writeFileSync(args.markdown, markdown);
}
