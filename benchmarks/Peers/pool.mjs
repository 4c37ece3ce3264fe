// What the sharp and HTTP runners share: a fixed number of workers taking jobs in list order, and the summary line.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export async function readJobs(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}

// Runs work(job) for every job with `concurrency` in flight; stops starting new jobs past `deadline` (ms since epoch).
// Returns one { job, ms, ...work's result } or { job, ms, error } per job started, and the wall time from the first
// start to the last end.
export async function runPool(jobs, concurrency, work, deadline = Infinity) {
  const results = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < jobs.length && Date.now() < deadline) {
      const job = jobs[next++];
      const t0 = performance.now();
      try {
        const outcome = await work(job);
        results.push({ job, ms: performance.now() - t0, ...outcome });
      } catch (error) {
        results.push({ job, ms: performance.now() - t0, error: String(error?.message ?? error) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { results, seconds: (performance.now() - started) / 1000 };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// CPU seconds (user + system, every thread) a process has used so far, from /proc/PID/stat.
// CPU time (user + system) of a process and every live descendant: MediaEdge renders in worker processes of its own
// (imaging-worker mode), whose CPU the server's own /proc/<pid>/stat does not count until they exit.
export function processCpuSeconds(pid, clockTicks = 100) {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A worker that exited between the listing and the read: its time is gone with it.
    }
  }

  return ticks / clockTicks;
}

// The process and its live descendants, from /proc/<pid>/task/<tid>/children.
export function processTree(pid) {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue;
    }

    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
          tree.push(Number(child));
        }
      } catch {
        // The task ended.
      }
    }
  }

  return tree;
}

// One JSON object per measurement: rate counts successful jobs only, over the whole wall time; cpuSeconds is the
// transforming process's CPU over the same time, when known.
export function summarize({ results, seconds }, extra, cpuSeconds) {
  const ok = results.filter((r) => !r.error);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const round1 = (x) => Math.round(x * 10) / 10;
  return {
    ...extra,
    jobs: results.length,
    ok: ok.length,
    errors: results.length - ok.length,
    firstError: results.find((r) => r.error)?.error,
    seconds: Math.round(seconds * 1000) / 1000,
    rate: Math.round((ok.length / seconds) * 1000) / 1000,
    p50: round1(percentile(ms, 50)),
    p99: round1(percentile(ms, 99)),
    bytes: ok.reduce((sum, r) => sum + (r.bytes ?? 0), 0),
    cpuSeconds: cpuSeconds == null ? null : Math.round(cpuSeconds * 1000) / 1000,
    cpuMsPerImage: cpuSeconds == null || ok.length === 0 ? null : Math.round((cpuSeconds * 10000) / ok.length) / 10,
  };
}

// The output sizes by job, for checking that every peer produced the same dimensions.
export function outputs(results) {
  return results.filter((r) => !r.error).map((r) => ({ id: jobId(r.job), width: r.width, height: r.height, bytes: r.bytes }));
}

export const jobId = (job) => `${job.key}@${job.width}.${job.format}`;
