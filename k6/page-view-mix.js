// Page views: several browsers' Accept headers and DPRs, several widths of several photos, auto=format.
// k6 run -e BASE=http://127.0.0.1:8080 k6/page-view-mix.js
// (k6 is not installable on our build machines; benchmarks/MediaEdge.Load runs the same scenario as `mix`.)
import http from 'k6/http';
import { check } from 'k6';

const BASE = __ENV.BASE || 'http://127.0.0.1:8080';
const PHOTOS = (__ENV.PHOTOS || 'colorful-cups.jpg,alpha.png').split(',');
const WIDTHS = [320, 480, 640, 960];
const DPRS = [1, 2, 3];
const ACCEPTS = [
  'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', // Chromium
  'image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5', // Safari
  'image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5', // Firefox
  'image/webp,*/*', // older Android WebView
  '*/*', // a crawler
];

export const options = {
  scenarios: { mix: { executor: 'constant-vus', vus: 8, duration: __ENV.DURATION || '60s' } },
  thresholds: {
    http_req_failed: ['rate<0.001'],
    'http_req_duration{expected_response:true}': ['p(99)<3000'],
    checks: ['rate>0.999'],
  },
};

export default function () {
  const photo = PHOTOS[Math.floor(Math.random() * PHOTOS.length)];
  const w = WIDTHS[Math.floor(Math.random() * WIDTHS.length)];
  const dpr = DPRS[Math.floor(Math.random() * DPRS.length)];
  const accept = ACCEPTS[Math.floor(Math.random() * ACCEPTS.length)];
  const res = http.get(`${BASE}/img/local/${photo}?w=${w}&dpr=${dpr}&auto=format`, { headers: { Accept: accept } });
  check(res, {
    'status 200': (r) => r.status === 200,
    'image type': (r) => /^image\//.test(r.headers['Content-Type'] || ''),
    'varies on Accept': (r) => /Accept/.test(r.headers['Vary'] || ''),
  });
}
