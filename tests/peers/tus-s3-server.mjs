// The reference tus server on S3 (@tus/server + @tus/s3-store), the benchmark's contender for Baton's S3 backend.
// Usage: S3_ENDPOINT=… S3_BUCKET=… S3_ACCESS_KEY=… S3_SECRET_KEY=… node tus-s3-server.mjs
//   → prints "listening http://127.0.0.1:PORT/files/" once it accepts connections.
import http from 'node:http';
import { Server } from '@tus/server';
import { S3Store } from '@tus/s3-store';

const datastore = new S3Store({
  partSize: 8 * 1024 * 1024,
  s3ClientConfig: {
    bucket: process.env.S3_BUCKET,
    region: 'us-east-1',
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY, secretAccessKey: process.env.S3_SECRET_KEY },
    // Ceph RGW 16 rejects the CRC trailers newer AWS SDKs send by default (the same setting Baton uses).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  },
});
const tus = new Server({ path: '/files', datastore });
const server = http.createServer((req, res) => tus.handle(req, res));
server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/files/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
