// Material for MkDocs reads every <link rel="alternate"> as another language version of the site
// and fetches a sitemap.xml beside it. The oEmbed discovery link is not one, so once it is parsed
// it is hidden from that lookup; oEmbed consumers read the HTML source, where rel="alternate" stays.
document.querySelectorAll('link[type="application/json+oembed"]').forEach(function (link) {
  link.setAttribute("rel", "alternate oembed");
});
