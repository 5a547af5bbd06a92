// The index's warm-start cache kept in one file, for the bench's cold and warm builds.
import { promises as fs } from 'node:fs';
import type { IndexCacheStore } from '../src/core/index';

export class FileCache implements IndexCacheStore {
  constructor(private readonly file: string) {}
  async load() {
    return fs.readFile(this.file, 'utf8').catch(() => undefined);
  }
  async save(data: string) {
    await fs.writeFile(this.file, data);
  }
}
