// The HTTP client for both servers: the same jobs, the same client, the same number of connections.
//
//   node http-run.mjs --peer mediaedge|ipx --base http://127.0.0.1:PORT --jobs FILE [--warmup FILE]
//                     [--concurrency 4] [--source bench] [--outputs FILE] [--timeout 60] [--time-limit 300]
//                     [--pid SERVER_PID --clock-ticks 100]
//
// A job { key, width, format, quality } becomes
//   mediaedge  /img/{source}/{key}?w={width}&fm={format}&q={quality}
//   ipx        /w_{width},f_{format},q_{quality}/{key}          (jpg is written jpeg)
// Keep-alive connections, one per client; a request counts when its whole body has arrived with a 200 and the
// Content-Type of the asked format. For MediaEdge it must also carry Server-Timing transform (transform;dur, or
// transform;desc=ladder-…;dur where the resize ladder gave the decode), so every counted
// request was transformed, none served from cache (ipx 3 has no result cache at all). After the timed run the outputs'
// dimensions are read (not timed) for the cross-peer check. With --pid, the server's CPU time (all its threads) over
// the timed run is reported too. Prints one JSON line (see pool.mjs summarize).
import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { outputs, processCpuSeconds, readJobs, runPool, summarize } from './pool.mjs';

const { values: args } = parseArgs({
  options: {
    peer: { type: 'string' },
    base: { type: 'string' },
    jobs: { type: 'string' },
    warmup: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    source: { type: 'string', default: 'bench' },
    outputs: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    'time-limit': { type: 'string', default: '300' },
    pid: { type: 'string' },
    'clock-ticks': { type: 'string', default: '100' },
  },
});
const base = new URL(args.base ?? '');
if (!['mediaedge', 'ipx'].includes(args.peer) || !args.jobs || base.hostname !== '127.0.0.1') {
  console.error('usage: node http-run.mjs --peer mediaedge|ipx --base http://127.0.0.1:PORT --jobs FILE (loopback only)');
  process.exit(2);
}
const concurrency = Number(args.concurrency);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const contentType = { jpg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' };
const encodeKey = (key) => key.split('/').map(encodeURIComponent).join('/');

const path = {
  mediaedge: (j) => `/img/${args.source}/${encodeKey(j.key)}?w=${j.width}&fm=${j.format}&q=${j.quality}`,
  ipx: (j) => `/w_${j.width},f_${j.format === 'jpg' ? 'jpeg' : j.format},q_${j.quality}/${encodeKey(j.key)}`,
}[args.peer];

function get(job) {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path(job), base), { agent, timeout: Number(args.timeout) * 1000 }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = response.headers['content-type'] ?? '';
        if (response.statusCode !== 200) {
          return reject(new Error(`${response.statusCode} for ${path(job)}: ${body.toString('utf8', 0, 200)}`));
        }
        if (!type.startsWith(contentType[job.format])) {
          return reject(new Error(`${type} for ${path(job)}`));
        }
        if (args.peer === 'mediaedge' && !/transform;(desc=[a-z-]+;)?dur=/.test(response.headers['server-timing'] ?? '')) {
          return reject(new Error(`not transformed (Server-Timing: ${response.headers['server-timing']}) for ${path(job)}`));
        }
        resolve({ bytes: body.length, body });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`timed out: ${path(job)}`)));
    request.on('error', reject);
  });
}

if (args.warmup) {
  const warm = await runPool(await readJobs(args.warmup), concurrency, get);
  const failed = warm.results.find((r) => r.error);
  if (failed) {
    console.error(`warm-up failed: ${failed.error}`);
  }
}
const serverCpu = () => (args.pid ? processCpuSeconds(Number(args.pid), Number(args['clock-ticks'])) : null);
const cpuBefore = serverCpu();
const run = await runPool(await readJobs(args.jobs), concurrency, get, Date.now() + Number(args['time-limit']) * 1000);
const cpuAfter = serverCpu();
agent.destroy();
for (const r of run.results.filter((x) => x.body)) {
  const meta = await sharp(r.body).metadata();
  Object.assign(r, { width: meta.width, height: meta.height, body: undefined });
}
if (args.outputs) {
  await writeFile(args.outputs, JSON.stringify(outputs(run.results)));
}
console.log(JSON.stringify(summarize(run, { peer: args.peer, concurrency }, args.pid ? cpuAfter - cpuBefore : null)));
