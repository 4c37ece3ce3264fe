// A cache-hit soak: a small set of variants, requested again and again; latency must stay flat and nothing may leak.
// k6 run -e BASE=http://127.0.0.1:8080 -e DURATION=10m k6/cache-hit-soak.js
import http from 'k6/http';
import { check } from 'k6';
import { Rate } from 'k6/metrics';

const BASE = __ENV.BASE || 'http://127.0.0.1:8080';
const hits = new Rate('cache_hits');
const URLS = [320, 480, 640, 960].flatMap((w) => ['jpg', 'webp', 'png'].map((fm) => `${BASE}/img/local/colorful-cups.jpg?w=${w}&fm=${fm}`));

export function setup() {
  URLS.forEach((u) => http.get(u));
}

export const options = {
  scenarios: { soak: { executor: 'constant-vus', vus: 16, duration: __ENV.DURATION || '2m' } },
  thresholds: {
    http_req_failed: ['rate==0'],
    http_req_duration: ['p(99)<100'],
    cache_hits: ['rate>0.99'],
  },
};

export default function () {
  const res = http.get(URLS[Math.floor(Math.random() * URLS.length)]);
  hits.add(/cache;desc=hit/.test(res.headers['Server-Timing'] || ''));
  check(res, { 'status 200': (r) => r.status === 200 });
}
