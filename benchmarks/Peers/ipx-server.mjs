// ipx 3's own server (createIPX + ipxFSStorage + createIPXNodeServer, what `ipx serve` runs) on 127.0.0.1 only.
//
//   node ipx-server.mjs --dir DIR [--port 0]
//
// Prints "ipx listening on http://127.0.0.1:PORT" once it accepts connections. Two of ipx's defaults are changed
// so that it does the same work as MediaEdge and the sharp runner (sharpOptions are copied onto every sharp
// pipeline before the format is set, and toFormat only overrides the quality):
//   jpegProgressive false  ipx asks sharp for progressive JPEG by default; MediaEdge's fm=jpg is baseline
//   heifEffort 2, heifChromaSubsampling 4:2:0   sharp's AVIF defaults are effort 4, 4:4:4; MediaEdge's are 2, 4:2:0
// ipx 3 keeps no processed results: every request reads the file and runs sharp (it only sends Cache-Control and an
// ETag, and answers If-Modified-Since, which the benchmark client never sends).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createIPX, createIPXNodeServer, ipxFSStorage } from 'ipx';

const { values: args } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!args.dir) {
  console.error('usage: node ipx-server.mjs --dir DIR [--port 0]');
  process.exit(2);
}

const ipx = createIPX({
  storage: ipxFSStorage({ dir: args.dir }),
  sharpOptions: { jpegProgressive: false, heifEffort: 2, heifChromaSubsampling: '4:2:0' },
});
const server = createServer(createIPXNodeServer(ipx));
server.keepAliveTimeout = 65_000;
server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`ipx listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
