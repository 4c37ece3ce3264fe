// Cold start: from spawning a server process to the first 200 of a transform it serves.
//
//   node cold-start.mjs --url http://127.0.0.1:PORT/PATH [--cwd DIR] [--deadline 60] -- COMMAND [ARGS...]
//
// Starts COMMAND (the environment is passed on), then asks for URL every 5 ms (refused connections while the process
// starts are expected) until one answer is a 200 whose body has fully arrived; prints
// {"ms": …, "peakRssKiB": …} and stops the process (SIGTERM, then SIGKILL after 5 s). The time includes the runtime's
// start, the server's start-up, the origin read and the transform of that first request.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: args, positionals: command } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, cwd: { type: 'string' }, deadline: { type: 'string', default: '60' } },
});
const url = new URL(args.url ?? '');
if (url.hostname !== '127.0.0.1' || command.length === 0) {
  console.error('usage: node cold-start.mjs --url http://127.0.0.1:PORT/PATH [--cwd DIR] -- COMMAND [ARGS...]');
  process.exit(2);
}

const attempt = () =>
  new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 30_000 }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode));
      response.on('error', () => resolve(0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const started = performance.now();
const child = spawn(command[0], command.slice(1), { cwd: args.cwd, stdio: ['ignore', 'ignore', 'inherit'] });
let exited = false;
child.on('exit', () => (exited = true));

const deadline = started + Number(args.deadline) * 1000;
let status = 0;
while (!exited && performance.now() < deadline) {
  status = await attempt();
  if (status !== 0) {
    break;
  }
  await sleep(5);
}
const ms = performance.now() - started;

let peakRssKiB = null;
try {
  peakRssKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
} catch {
  // the process is gone: no figure
}
if (!exited) {
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await new Promise((r) => child.on('exit', r));
  clearTimeout(killer);
}
if (status !== 200) {
  console.error(`cold start failed: status ${status}${exited ? ' (the process exited)' : ''} after ${Math.round(ms)} ms`);
  process.exit(1);
}
console.log(JSON.stringify({ ms: Math.round(ms * 10) / 10, peakRssKiB }));
