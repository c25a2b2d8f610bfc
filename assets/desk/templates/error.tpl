{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
{{>HEAD}}
{{#REFRESH}}<meta http-equiv="refresh" content="{{SECONDS}}">{{/REFRESH}}
</head>
<body class="page-error" data-page="error">
<main class="signin-card">
  <h1>{{TITLE}}</h1>
  <p id="message" class="message" role="alert">{{MESSAGE}}</p>
  <p><a id="back" class="button primary" href="{{BACK}}">{{BACK_LABEL}}</a></p>
</main>
</body>
</html>
