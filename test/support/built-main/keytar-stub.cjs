// Stands in for `keytar` when the harness imports the built main process: an empty keychain, so
// the test never touches the machine's real one.
const items = new Map();
module.exports = {
  getPassword: async (service, account) => items.get(`${service}\0${account}`) ?? null,
  setPassword: async (service, account, password) => {
    items.set(`${service}\0${account}`, password);
  },
  deletePassword: async (service, account) => items.delete(`${service}\0${account}`),
  findCredentials: async (service) =>
    [...items].filter(([key]) => key.startsWith(`${service}\0`)).map(([key, password]) => ({ account: key.slice(service.length + 1), password })),
};
