"""Web: the site around the apps. The home page, the language switch, the demo sign-in page and
the health check; the navigation every page shows; ``lintas demo``, which loads each app's demo
data in order. It sits above every app and may import any; no app imports it. It holds no
domain rules: those stay in the apps and their policy."""
