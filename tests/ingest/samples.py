"""Small real-looking inputs shared by the ingest tests."""

from __future__ import annotations

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Civilians flee west Mosul | Northern Courier</title>
<meta property="og:site_name" content="Northern Courier">
<meta property="article:published_time" content="2017-04-01T09:30:00+03:00">
<link rel="canonical" href="https://courier.example/world/mosul-civilians-flee?utm_source=rss">
</head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Civilians flee west Mosul as fighting nears the Old City</h1>
<p>MOSUL, Iraq - Hundreds of families fled the Zanjili neighbourhood on Friday as Iraqi forces pushed
deeper into the western half of the city, officials said.</p>
<p>At least 12 civilians were killed when militants opened fire on people using a secure corridor,
according to an army lieutenant who spoke to reporters at a checkpoint.</p>
<p>The United Nations said more than 200,000 people had been displaced from west Mosul since the
offensive began in February, and that camps south of the city were filling quickly.</p>
</article>
<footer>Copyright Northern Courier. All rights reserved.</footer>
</body>
</html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Conflict Wire</title>
<link>https://wire.example/</link>
<description>Latest reports</description>
<item>
<title>Airstrike reported in west Mosul</title>
<link>https://wire.example/2017/03/airstrike?utm_campaign=feed</link>
<pubDate>Fri, 31 Mar 2017 22:15:00 -0500</pubDate>
<description>&lt;p&gt;As many as &lt;b&gt;200 civilians&lt;/b&gt; may have been killed.&lt;/p&gt;
&lt;p&gt;An investigation is under way.&lt;/p&gt;</description>
</item>
<item>
<title>Corridor attacked</title>
<link>https://wire.example/2017/04/corridor</link>
<pubDate>Sat, 01 Apr 2017 08:00:00 +0000</pubDate>
<description>Militants opened fire on displaced families.</description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Field Reports</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
<updated>2017-04-02T18:30:02Z</updated>
<entry>
<title>Drone video released</title>
<link href="https://reports.example/drone-video"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<published>2017-04-02T18:30:02Z</published>
<updated>2017-04-02T18:30:02Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;U.S. Central Command released drone video on Sunday.&lt;/p&gt;
&lt;p&gt;It shows fighters moving civilians into a house.&lt;/p&gt;</content>
</entry>
</feed>
"""
