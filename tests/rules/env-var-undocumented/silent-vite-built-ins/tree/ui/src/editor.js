export function editorScript() {
  if (import.meta.env.DEV) {
    console.log("editor in", import.meta.env.MODE);
  }
  return import.meta.env.BASE_URL + "libs/tinymce/tinymce.min.js";
}

export const serverSide = import.meta.env.SSR;
