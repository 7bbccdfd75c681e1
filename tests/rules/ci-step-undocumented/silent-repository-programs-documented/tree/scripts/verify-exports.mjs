console.log("ok")
