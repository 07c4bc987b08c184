// Stands in for `electron-store` when the harness imports the built main process: a store in
// memory, so nothing is written outside the test's temporary data folder.
export default class Store {
  constructor(options = {}) {
    this.name = options.name ?? 'config';
    this.data = new Map(Object.entries(options.defaults ?? {}));
  }
  get(key, fallback) {
    return this.data.has(key) ? this.data.get(key) : fallback;
  }
  set(key, value) {
    this.data.set(key, value);
  }
  has(key) {
    return this.data.has(key);
  }
  delete(key) {
    this.data.delete(key);
  }
  clear() {
    this.data.clear();
  }
  get store() {
    return Object.fromEntries(this.data);
  }
}
