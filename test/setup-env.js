// n8n-core writes an encryption key under the user folder: each test run gets its own empty folder, also when the
// shell exports N8N_USER_FOLDER (an existing n8n folder holds another key, and n8n-core refuses to start on it).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-docusign-test-'));
process.env.N8N_ENCRYPTION_KEY = 'docusign-users-test-key';
