// A cold-cache stampede: many clients ask for the same new variant at once; MediaEdge must transform it once.
// k6 run -e BASE=http://127.0.0.1:8080 k6/cold-stampede.js
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';

const BASE = __ENV.BASE || 'http://127.0.0.1:8080';
const transforms = new Counter('transforms');

export const options = {
  scenarios: { stampede: { executor: 'per-vu-iterations', vus: 32, iterations: 1, maxDuration: '60s' } },
  thresholds: {
    http_req_failed: ['rate==0'],
    transforms: ['count<=1'],
    http_req_duration: ['p(99)<10000'],
  },
};

export default function () {
  // One width per run (the run's start second), so the variant is new each time the script runs.
  const w = 700 + (Math.floor(Date.parse(__ENV.START || new Date().toISOString()) / 1000) % 200);
  const res = http.get(`${BASE}/img/local/colorful-cups.jpg?w=${w}&q=${__ENV.Q || 71}`);
  if (/transform;dur=/.test(res.headers['Server-Timing'] || '')) transforms.add(1);
  check(res, { 'status 200': (r) => r.status === 200 });
}
