/** Shows the start-up failure passed in the page's #fragment, as text. */
const target = document.getElementById('message');
if (target) target.textContent = decodeURIComponent(location.hash.slice(1)) || 'Unknown error';
