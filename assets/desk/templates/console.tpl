{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
{{>HEAD}}
</head>
<body class="page-console" data-page="console" data-version="{{VERSION}}">
<div id="connection" class="connection" role="alert" hidden>{{T_desk__connection_lost}}</div>
<header class="bar">
  <h1>{{TITLE}}</h1>
  <form id="signout" method="post" action="/signout">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button id="signout-submit" type="submit">{{T_counter__signout}}</button>
  </form>
</header>
<p id="message" class="message" role="status">{{MESSAGE}}</p>
<main id="live" class="console">
{{>LIVE}}
</main>
<input type="hidden" id="csrf" value="{{CSRF}}">
</body>
</html>
