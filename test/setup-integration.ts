// Integration and end-to-end tests start real processes and databases: minutes, not seconds.
jest.setTimeout(240_000);
