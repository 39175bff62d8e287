const { src, dest } = require('gulp');

// tsc does not copy icons; the node and the credential reference them as file:../../icons/*.svg
// relative to their compiled files, so they must sit in dist/icons.
function buildIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
