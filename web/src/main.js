// Entry point: read the server's config, then start the upload and files views.
import { apiFetch, currentToken } from './api.js';
import { installAuthBanner } from './auth.js';
import { installFiles } from './files.js';
import { installTabs } from './tabs.js';
import { installInstantUploads } from './instant.js';
import { installTransfers } from './transfers.js';
import { createUploader, describeRestrictions } from './uploader.js';

async function start() {
  const files = installFiles();
  let filesVisible = false;
  const tabs = installTabs((id) => {
    filesVisible = id === 'tab-files';
    if (filesVisible) files.load();
  });

  let uppy = null;
  const auth = installAuthBanner({
    onTokenChanged: () => {
      if (filesVisible) files.load();
      if (uppy?.getFiles().some((f) => f.error)) uppy.retryAll();
    },
  });

  let config;
  try {
    config = await (await apiFetch('api/config')).json();
  } catch (error) {
    showPageError(`Could not load the server's settings: ${error.message}. Reload to try again.`);
    return;
  }
  document.getElementById('restrictions').textContent = describeRestrictions(config);
  files.useSignedLinks(config.auth === 'bearer');
  if (config.auth === 'bearer' && !currentToken()) auth.askForToken();
  uppy = createUploader(config, {});
  installTransfers(uppy);
  // Before the page says it is ready, so every file added from now on is hashed for instant upload.
  await installInstantUploads(uppy, config);
  // Uploads go into the folder being viewed in the Files tab (Upload-Metadata "folder"; a dropped folder's structure goes below
  // it through Uppy's relativePath). Restored uploads keep the folder they were added with.
  const target = document.getElementById('upload-target');
  const showTarget = (folder) => { target.textContent = folder ? `Uploads go into: ${folder}/` : 'Uploads go into: the top folder'; };
  showTarget(files.currentFolder());
  files.onFolderChanged(showTarget);
  uppy.on('file-added', (file) => {
    if (file.meta.folder === undefined) uppy.setFileMeta(file.id, { folder: files.currentFolder() });
  });
  // The Files view follows uploads: a finished file appears there without a manual refresh.
  uppy.on('upload-success', () => {
    if (filesVisible) files.refresh();
  });
  document.body.dataset.ready = 'true';
  if (location.hash === '#files') tabs.select('tab-files');
}

function showPageError(text) {
  const banner = document.getElementById('page-error');
  banner.textContent = text;
  banner.hidden = false;
}

start();
