{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
{{>HEAD}}
</head>
<body class="page-error" data-page="error">
<main class="signin-card">
  <h1>{{TITLE}}</h1>
  <p id="message" class="message" role="alert">{{MESSAGE}}</p>
  <p><a id="back" class="button primary" href="{{BACK}}">{{T_desk__back}}</a></p>
</main>
</body>
</html>
