{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{TITLE}}</title>
<link rel="stylesheet" href="{{CSS_URL}}">
</head>
<body data-page="{{PAGE}}">
<header class="bar">
  <p class="brand">{{T_dashboard__brand}}</p>
  {{#NAV}}<nav aria-label="{{T_dashboard__nav_label}}">
    <a id="nav-overview" href="{{OVERVIEW_HREF}}"{{#AT_OVERVIEW}} aria-current="page"{{/AT_OVERVIEW}}>{{T_dashboard__nav_overview}}</a>
    <a id="nav-centres" href="{{CENTRES_HREF}}"{{#AT_CENTRES}} aria-current="page"{{/AT_CENTRES}}>{{T_dashboard__nav_centres}}</a>
  </nav>
  <p class="who" id="who">{{WHO}}</p>
  <form class="signout" method="post" action="/signout">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button id="signout" type="submit">{{T_dashboard__signout}}</button>
  </form>{{/NAV}}
  <p class="languages">{{#LANGUAGE}}<a id="lang-{{CODE}}" lang="{{CODE}}" href="{{HREF}}"{{#CURRENT}} aria-current="true"{{/CURRENT}}>{{OWN_NAME}}</a> {{/LANGUAGE}}</p>
</header>
<main>
<h1 id="title">{{TITLE}}</h1>
{{#MESSAGE}}<p id="message" class="message" role="alert">{{TEXT}}</p>{{/MESSAGE}}
{{>BODY}}
</main>
</body>
</html>
