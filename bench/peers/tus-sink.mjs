// A tus 1.0 endpoint that keeps nothing: it answers creation and PATCH like a server would but drops the bytes. Measures what
// an upload client can do at all on this machine (the ceiling no server can beat), for the upload case of bench/run.sh.
// Usage: node tus-sink.mjs → prints "listening http://127.0.0.1:PORT/files/" once it accepts connections.
import http from 'node:http';

const offsets = new Map();
let next = 0;
const server = http.createServer((req, res) => {
  const common = { 'Tus-Resumable': '1.0.0', 'Access-Control-Expose-Headers': 'Location, Upload-Offset' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...common, 'Tus-Version': '1.0.0', 'Tus-Extension': 'creation' }).end();
    return;
  }
  if (req.method === 'POST') {
    const id = String(++next);
    offsets.set(id, 0);
    res.writeHead(201, { ...common, Location: `/files/${id}` }).end();
    return;
  }
  const id = req.url.split('/').pop();
  if (!offsets.has(id)) {
    res.writeHead(404, common).end();
    return;
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...common, 'Upload-Offset': offsets.get(id), 'Cache-Control': 'no-store' }).end();
    return;
  }
  let received = 0;
  req.on('data', (chunk) => { received += chunk.length; });
  req.on('end', () => {
    const offset = offsets.get(id) + received;
    offsets.set(id, offset);
    res.writeHead(204, { ...common, 'Upload-Offset': offset }).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/files/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
