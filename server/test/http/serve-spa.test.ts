import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'chai';
import express from 'express';
import { serveSpa } from '../../src/http/serve-spa';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

describe('serveSpa', () => {
  const script = Buffer.from(`console.log(${JSON.stringify('socrates '.repeat(200))});\n`);
  let dist: string;
  let server: http.Server;

  /** A raw GET: no client-side decompression, so the test sees the bytes sent. */
  const get = (pathname: string, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      http
        .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });

  before(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-spa-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), script);
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js.gz'), zlib.gzipSync(script));
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js.map'), '{}');
    fs.writeFileSync(path.join(dist, 'assets', 'plain-3c4d.css'), 'body{}');
    fs.writeFileSync(path.join(dist, 'secret.txt.gz'), zlib.gzipSync('outside the assets'));
    const app = express();
    serveSpa(app, '/ui', dist);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends the Brotli copy of an asset to a browser that takes it, as JavaScript cached for a year', async () => {
    const res = await get('/ui/assets/app-1a2b.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).to.equal(200);
    expect(res.headers['content-encoding']).to.equal('br');
    expect(res.headers['content-type']).to.match(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.headers.vary).to.match(/Accept-Encoding/i);
    expect(res.body.length).to.be.below(script.length / 4);
    expect(zlib.brotliDecompressSync(res.body).equals(script)).to.equal(true);
  });

  it('sends the gzip copy when only gzip is taken, and the file itself when no encoding is', async () => {
    const gz = await get('/ui/assets/app-1a2b.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(zlib.gunzipSync(gz.body).equals(script)).to.equal(true);

    const identity = await get('/ui/assets/app-1a2b.js', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).to.equal(undefined);
    expect(identity.body.equals(script)).to.equal(true);
    expect(identity.headers.vary).to.match(/Accept-Encoding/i);
  });

  it('sends an asset without a compressed copy as it is, and never a copy from outside the assets', async () => {
    const css = await get('/ui/assets/plain-3c4d.css', { 'accept-encoding': 'br, gzip' });
    expect(css.status).to.equal(200);
    expect(css.headers['content-encoding']).to.equal(undefined);
    expect(css.body.toString()).to.equal('body{}');

    const escape = await get('/ui/assets/..%2fsecret.txt', { 'accept-encoding': 'gzip' });
    expect(escape.headers['content-encoding']).to.equal(undefined);
    expect(escape.body.toString()).to.not.contain('outside');
  });

  it('keeps source maps private and answers client-side routes with index.html', async () => {
    expect((await get('/ui/assets/app-1a2b.js.map')).status).to.equal(404);
    const route = await get('/ui/users/42');
    expect(route.status).to.equal(200);
    expect(route.headers['cache-control']).to.equal('no-cache');
    expect(route.body.toString()).to.contain('<title>app</title>');
  });
});
