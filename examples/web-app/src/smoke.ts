/**
 * `--smoke`: checks that the running demo answers: the start page offers "Connect to Miro", and
 * /connect sends the browser to an authorize page (fetched too when it is the local mock's).
 * Throws an Error saying which step failed.
 */
export async function smokeCheck(appUrl: string, options: { authorizePageIsLocal: boolean }): Promise<string[]> {
  const steps: string[] = [];
  const home = await fetch(appUrl, { redirect: 'manual' });
  const homeText = await home.text();
  if (home.status !== 200 || !homeText.includes('Connect to Miro')) {
    throw new Error(`GET ${appUrl} answered ${home.status} without the "Connect to Miro" page`);
  }
  steps.push(`GET / -> ${home.status} "Connect to Miro" page`);
  const cookie = home.headers.get('set-cookie')?.split(';')[0] ?? '';
  const connect = await fetch(`${appUrl}/connect`, { redirect: 'manual', headers: { cookie } });
  const location = connect.headers.get('location');
  if (connect.status !== 302 || !location) {
    throw new Error(`GET ${appUrl}/connect answered ${connect.status} instead of a redirect to Miro's authorize page`);
  }
  steps.push(`GET /connect -> ${connect.status} to ${new URL(location).origin}${new URL(location).pathname}`);
  if (options.authorizePageIsLocal) {
    const authorize = await fetch(location, { redirect: 'manual' });
    const authorizeText = await authorize.text();
    if (authorize.status !== 200 || !authorizeText.includes('id="approve"')) {
      throw new Error(`the authorize page ${location} answered ${authorize.status} without an approve button`);
    }
    steps.push(`GET authorize page -> ${authorize.status} with the approve button`);
  }
  return steps;
}
