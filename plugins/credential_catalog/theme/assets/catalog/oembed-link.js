// Material for MkDocs reads every <link rel="alternate"> as another language version of the site
// and fetches a sitemap.xml beside it. The oEmbed and feed discovery links are not, so once parsed
// they are hidden from that lookup; consumers read the HTML source, where rel="alternate" stays.
document.querySelectorAll('link[type="application/json+oembed"]').forEach(function (link) {
  link.setAttribute("rel", "alternate oembed");
});
document.querySelectorAll('link[type="application/atom+xml"]').forEach(function (link) {
  link.setAttribute("rel", "alternate feed");
});
