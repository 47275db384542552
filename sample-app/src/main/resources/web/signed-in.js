// Who this replica syncs as: shown in the header when the replica was started with --user.
(function () {
  'use strict';
  fetch('/api/replica', { headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (state) {
      if (!state || !state.signedInAs) {
        return;
      }
      var badge = document.createElement('span');
      badge.id = 'signed-in-as';
      badge.className = 'signed-in-as';
      badge.textContent = 'Signed in as ' + state.signedInAs;
      document.querySelector('header').appendChild(badge);
    })
    .catch(function () { /* not a replica: nothing to show */ });
})();
