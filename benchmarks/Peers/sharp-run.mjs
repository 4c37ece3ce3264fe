// sharp in process: the same jobs as the HTTP peers, as a Node program would run them without a server.
//
//   node sharp-run.mjs --sources DIR --jobs FILE [--warmup FILE] [--concurrency 4] [--label L] [--outputs FILE]
//
// Each job: read the source file into memory, then decode, resize to the width (Lanczos3, shrink-on-load, as sharp does
// by default), convert to sRGB, strip metadata and encode with the job's format and quality into a buffer. The AVIF
// options match MediaEdge's (effort 2, 4:2:0 chroma); JPEG is baseline with optimised Huffman tables, as MediaEdge's.
// Prints one JSON line (see pool.mjs summarize); the time runs from the first job's start to the last job's end, after
// the warm-up jobs, and includes no HTTP; the CPU is this whole process's (every thread) over that time.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { outputs, readJobs, runPool, summarize } from './pool.mjs';

const { values: args } = parseArgs({
  options: {
    sources: { type: 'string' },
    jobs: { type: 'string' },
    warmup: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    label: { type: 'string', default: 'sharp' },
    outputs: { type: 'string' },
    'time-limit': { type: 'string', default: '300' },
  },
});
if (!args.sources || !args.jobs) {
  console.error('usage: node sharp-run.mjs --sources DIR --jobs FILE [--warmup FILE] [--concurrency 4] [--outputs FILE]');
  process.exit(2);
}
const concurrency = Number(args.concurrency);

const encode = {
  jpg: (image, q) => image.jpeg({ quality: q, progressive: false, optimiseCoding: true }),
  webp: (image, q) => image.webp({ quality: q, effort: 4 }),
  avif: (image, q) => image.avif({ quality: q, effort: 2, chromaSubsampling: '4:2:0' }),
};

async function render(job) {
  const bytes = await readFile(join(args.sources, job.key));
  const image = sharp(bytes).resize({ width: job.width });
  const { data, info } = await encode[job.format](image, job.quality).toBuffer({ resolveWithObject: true });
  return { bytes: data.length, width: info.width, height: info.height };
}

if (args.warmup) {
  await runPool(await readJobs(args.warmup), concurrency, render);
}
const cpu = process.cpuUsage();
const run = await runPool(await readJobs(args.jobs), concurrency, render, Date.now() + Number(args['time-limit']) * 1000);
const { user, system } = process.cpuUsage(cpu);
const summary = summarize(run, {
  peer: args.label,
  concurrency,
  peakRssKiB: process.resourceUsage().maxRSS,
  threadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
  vipsThreads: sharp.concurrency(),
}, (user + system) / 1e6);
if (args.outputs) {
  await writeFile(args.outputs, JSON.stringify(outputs(run.results)));
}
console.log(JSON.stringify(summary));
